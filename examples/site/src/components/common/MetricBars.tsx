// The three metric bar charts (TTFT, ITL, throughput) share one shape of props.
import type {MetricChartProps} from '@site-data/types';
import Figure from './Figure';
import BarGroup, {BarGrid} from './Bars';
import styles from './chart.module.css';

export default function MetricBars(props: MetricChartProps) {
  const max = Math.max(0, ...props.groups.flatMap((g) => g.bars.map((b) => b.value)));
  const arrow = props.direction === 'lower' ? '↓' : '↑';
  return (
    <Figure component={props.component} title={props.title} subtitle={`${arrow} ${props.direction_label}`}
            provenance={props.groups.flatMap((g) => g.bars.map((b) => b.provenance))}
            footnotes={[...new Set(props.groups.flatMap((g) => g.bars.flatMap((b) => b.provenance.note ?? [])))]
              .concat(props.footnotes)}>
      <BarGrid>
      {props.groups.map((group) => (
        <BarGroup key={group.model} heading={group.heading} max={max} bestLabel={props.best_label}
                  scenarios={props.scenarios}
                  baseline={group.bars.find((b) => b.is_baseline)?.value ?? null}
                  bars={group.bars.map((b) => ({
                    scenario: b.scenario, value: b.value, formatted: b.formatted, relative: b.relative.formatted,
                    better: b.relative.better, best: b.is_best,
                    tooltip: b.provenance.source?.title,
                  }))} />
      ))}
      </BarGrid>
      <div className={styles.axisLabel} data-testid="axis-label">{props.axis_label}</div>
    </Figure>
  );
}
