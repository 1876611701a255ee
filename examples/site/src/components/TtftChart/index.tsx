import type {ComponentProps} from '@site-data/types';
import MetricBars from '../common/MetricBars';

/** TtftChart: bars per scenario and model, from site-data/<report>/<locale>/TtftChart.json. */
export default function TtftChart(props: ComponentProps<'TtftChart'>) {
  return <MetricBars {...props} />;
}
