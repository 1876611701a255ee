// Horizontal bars with value labels, the change against the baseline, a best marker and the
// baseline drawn as a dashed line. Sizes come from raw values; every text is a formatted prop.
import type {CSSProperties, ReactNode} from 'react';
import type {ScenarioProps} from '@site-data/types';
import styles from './chart.module.css';

export interface Bar {
  scenario: string;
  value: number;
  formatted: string;
  relative?: string;
  better?: boolean | null;
  best?: boolean;
  derived?: boolean;
  tooltip?: string;
}

export interface BarGroupProps {
  heading: string;
  bars: Bar[];
  baseline: number | null;
  max: number;
  bestLabel: string;
  scenarios: ScenarioProps[];
}

// Bars use at most this share of the track, leaving room for the labels after them.
const TRACK_SHARE = 70;

function percent(value: number, max: number): number {
  return max > 0 ? (Math.max(value, 0) / max) * TRACK_SHARE : 0;
}

/** The grid every group of a chart shares, so bars of different groups have the same scale. */
export function BarGrid({children}: {children: ReactNode}) {
  return <div className={styles.bars}>{children}</div>;
}

/** One group's heading and bars, as rows of the enclosing {@link BarGrid}. */
export default function BarGroup({heading, bars, baseline, max, bestLabel, scenarios}: BarGroupProps) {
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  return (
    <>
      <div className={`${styles.groupHeading} ${styles.fullRow}`} data-testid="group-heading">{heading}</div>
      {bars.map((bar, i) => {
          const scenario = byId.get(bar.scenario);
          const color = scenario?.color ?? '#9ca3af';
          const barStyle: CSSProperties = bar.derived
            ? {width: `${percent(bar.value, max)}%`, color}
            : {width: `${percent(bar.value, max)}%`, backgroundColor: color};
          return [
            <div key={`l${i}`} className={styles.barLabel} data-testid="bar-label">
              {bar.derived ? '' : scenario?.label ?? bar.scenario}
            </div>,
            <div key={`t${i}`} className={styles.track}>
              {baseline !== null ? (
                <span className={styles.baseline} style={{left: `${percent(baseline, max)}%`}} aria-hidden />
              ) : null}
              <span className={styles.bar} style={barStyle} data-testid="bar" data-scenario={bar.scenario}
                    data-value={bar.value} data-best={bar.best ? 'true' : 'false'}
                    data-derived={bar.derived ? 'true' : 'false'} title={bar.tooltip} />
              <span className={styles.value} data-testid="bar-value" data-derived={bar.derived ? 'true' : 'false'}>
                {bar.formatted}
              </span>
              {bar.relative ? (
                <span className={styles.relative} data-testid="bar-relative"
                      data-better={bar.better === null || bar.better === undefined ? 'none' : String(bar.better)}>
                  {bar.relative}
                </span>
              ) : null}
              {bar.best ? <span className={styles.best} data-testid="best-marker">★ {bestLabel}</span> : null}
            </div>,
          ];
        })}
    </>
  );
}
