import type {ComponentProps} from '@site-data/types';
import MetricBars from '../common/MetricBars';

/** ItlChart: bars per scenario and model, from site-data/<report>/<locale>/ItlChart.json. */
export default function ItlChart(props: ComponentProps<'ItlChart'>) {
  return <MetricBars {...props} />;
}
