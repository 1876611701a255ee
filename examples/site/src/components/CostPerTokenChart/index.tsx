import type {ComponentProps} from '@site-data/types';
import Figure from '../common/Figure';
import {Fragment} from 'react';
import BarGroup, {BarGrid, type Bar} from '../common/Bars';
import styles from '../common/chart.module.css';

/**
 * CostPerTokenChart: cost per 1M tokens per scenario. Where a published cost disagrees with the one
 * derived from hourly price and throughput, the derived cost is drawn hatched beside it.
 */
export default function CostPerTokenChart(props: ComponentProps<'CostPerTokenChart'>) {
  const groups = props.groups.map((group) => {
    const both = group.rows.some((r) => r.cost.provenance.consistent === false);
    const bars: Bar[] = group.rows.flatMap((r) => {
      const published: Bar = {
        scenario: r.scenario, value: r.cost.value, formatted: r.cost.formatted, relative: r.relative.formatted,
        better: r.relative.better, best: r.is_best, tooltip: r.cost.provenance.source?.title,
      };
      const derived: Bar = {
        scenario: r.scenario, value: r.derived_cost.value, formatted: r.derived_cost.formatted, derived: true,
        tooltip: r.derived_cost.provenance.formula ?? undefined,
      };
      return both ? [published, derived] : [published];
    });
    return {group, bars, both};
  });
  const max = Math.max(0, ...groups.flatMap((g) => g.bars.map((b) => b.value)));
  const anyDerived = groups.some((g) => g.both);
  return (
    <Figure component={props.component} title={props.title} subtitle={`↓ ${props.direction_label}`}
            provenance={props.groups.flatMap((g) => g.rows.map((r) => r.cost.provenance))}
            footnotes={props.footnotes}>
      {anyDerived ? (
        <div className={styles.legend} data-testid="legend">
          <span className={styles.legendItem}>
            <span className={styles.swatch} style={{backgroundColor: '#9ca3af'}} />{props.columns.cost}
          </span>
          <span className={styles.legendItem}>
            <span className={styles.swatch} data-derived="true" />{props.columns.derived_cost}
          </span>
        </div>
      ) : null}
      <BarGrid>
        {groups.map(({group, bars}) => (
          <Fragment key={group.model}>
            <BarGroup heading={group.heading} bars={bars} max={max} bestLabel={props.best_label}
                      scenarios={props.scenarios}
                      baseline={group.rows.find((r) => r.is_baseline)?.cost.value ?? null} />
            {group.note ? (
              <div className={`${styles.note} ${styles.fullRow}`} data-testid="group-note">{group.note}</div>
            ) : null}
          </Fragment>
        ))}
      </BarGrid>
      <div className={styles.axisLabel} data-testid="axis-label">{props.unit}</div>
      <div className={styles.muted} data-testid="convention">{props.convention}</div>
    </Figure>
  );
}
