import type {ComponentProps} from '@site-data/types';
import MetricBars from '../common/MetricBars';

/** InferenceThroughputChart: bars per scenario and model, from site-data/<report>/<locale>/InferenceThroughputChart.json. */
export default function InferenceThroughputChart(props: ComponentProps<'InferenceThroughputChart'>) {
  return <MetricBars {...props} />;
}
