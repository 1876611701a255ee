// Picks the generic view for a benchmark report's component by its props' kind.
import type {BenchmarkProps} from './types';
import BarsView from './BarsView';
import GroupedBarsView from './GroupedBarsView';
import LinesView from './LinesView';
import ValueTableView from './ValueTableView';
import KpiCardsView from './KpiCardsView';
import TextCardsView from './TextCardsView';
import MatrixView from './MatrixView';
import FindingsView from './FindingsView';
import RecommendationsView from './RecommendationsView';

export default function BenchmarkComponent({props}: {props: BenchmarkProps}) {
  switch (props.kind) {
    case 'bars': return <BarsView props={props} />;
    case 'grouped_bars': return <GroupedBarsView props={props} />;
    case 'lines': return <LinesView props={props} />;
    case 'value_table': return <ValueTableView props={props} />;
    case 'kpi_cards': return <KpiCardsView props={props} />;
    case 'text_cards': return <TextCardsView props={props} />;
    case 'matrix': return <MatrixView props={props} />;
    case 'findings': return <FindingsView props={props} />;
    case 'recommendations': return <RecommendationsView props={props} />;
    default: {
      const unknown: never = props;
      throw new Error(`BenchmarkComponent: unknown kind ${(unknown as {kind: string}).kind}`);
    }
  }
}
