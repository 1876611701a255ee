import type {ComponentProps} from '@site-data/types';
import Figure from '../common/Figure';
import DataTable from '../common/DataTable';
import styles from '../common/chart.module.css';

// Drawing area of the SVG, in its own units (it scales to the column width).
const W = 640;
const H = 300;
const M = {left: 64, right: 72, top: 12, bottom: 44};

/**
 * ConcurrencyChart: one line per scenario over rising concurrency (log2 x axis), value-axis ticks from
 * the props, every value in a table under the lines.
 */
export default function ConcurrencyChart(props: ComponentProps<'ConcurrencyChart'>) {
  const byId = new Map(props.scenarios.map((s) => [s.id, s]));
  const levels = props.concurrency;
  const lx = (c: number) => Math.log2(c);
  const x0 = lx(levels[0]);
  const x1 = lx(levels[levels.length - 1]);
  const x = (c: number) => M.left + (x1 > x0 ? ((lx(c) - x0) / (x1 - x0)) * (W - M.left - M.right) : 0);
  const low = props.ticks[0].value;
  const high = props.ticks[props.ticks.length - 1].value;
  const y = (v: number) => H - M.bottom - ((v - low) / (high - low || 1)) * (H - M.top - M.bottom);
  // Labels at the line ends, nudged apart so that none overlap.
  const ends = [...props.series].sort((a, b) => a.points[a.points.length - 1].value - b.points[b.points.length - 1].value);
  const endY = new Map<string, number>();
  let previous = Infinity;
  for (const s of ends) {
    const want = y(s.points[s.points.length - 1].value);
    const placed = Math.min(want, previous - 13);
    endY.set(s.scenario, placed);
    previous = placed;
  }
  return (
    <Figure component={props.component} title={props.title} subtitle={`${props.direction === 'lower' ? '↓' : '↑'} ${props.direction_label}`}
            provenance={props.series.map((s) => s.provenance)} footnotes={props.footnotes}>
      <div className={styles.groupHeading} style={{marginTop: '0.75rem'}} data-testid="group-heading">{props.heading}</div>
      <div className={styles.legend} data-testid="legend">
        {props.series.map((s) => (
          <span key={s.scenario} className={styles.legendItem}>
            <span className={styles.swatch} style={{backgroundColor: byId.get(s.scenario)?.color}} />
            {byId.get(s.scenario)?.label ?? s.scenario}
          </span>
        ))}
      </div>
      <svg className={styles.svg} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.title} data-testid="line-chart">
        {props.ticks.map((t) => (
          <g key={t.value}>
            <line x1={M.left} x2={W - M.right} y1={y(t.value)} y2={y(t.value)} stroke="var(--ifm-color-emphasis-200)" />
            <text x={M.left - 8} y={y(t.value)} textAnchor="end" dominantBaseline="middle" data-testid="y-tick">{t.formatted}</text>
          </g>
        ))}
        {levels.map((c) => (
          <text key={c} x={x(c)} y={H - M.bottom + 16} textAnchor="middle" data-testid="x-tick">{String(c)}</text>
        ))}
        <text className={styles.axisTitle} x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle" data-testid="x-label">{props.x_label}</text>
        <text className={styles.axisTitle} transform={`translate(14 ${(H - M.bottom + M.top) / 2}) rotate(-90)`} textAnchor="middle" data-testid="y-label">{props.y_label}</text>
        {props.series.map((s) => {
          const color = byId.get(s.scenario)?.color ?? '#6b7280';
          const best = s.scenario === props.best_at_peak;
          const last = s.points[s.points.length - 1];
          return (
            <g key={s.scenario} data-testid="series" data-scenario={s.scenario}>
              <polyline fill="none" stroke={color} strokeWidth={best ? 3 : 2}
                        points={s.points.map((p) => `${x(p.concurrency)},${y(p.value)}`).join(' ')} />
              {s.points.map((p) => (
                <circle key={p.concurrency} cx={x(p.concurrency)} cy={y(p.value)} r={best ? 4 : 3} fill={color}
                        data-testid="point" data-value={p.value} data-formatted={p.formatted}>
                  <title>{p.formatted}</title>
                </circle>
              ))}
              <text className={styles.endLabel} x={x(last.concurrency) + 8} y={endY.get(s.scenario)} dominantBaseline="middle"
                    style={{fill: color}} data-testid="end-label">
                {best ? `${s.scenario} ★ ${props.best_label}` : s.scenario}
              </text>
            </g>
          );
        })}
      </svg>
      <DataTable testid="concurrency-values"
                 header={[props.columns.concurrency, ...levels.map(String), props.scaling_label]}
                 numeric={[false, ...levels.map(() => true), true]}
                 rows={props.series.map((s) => [
                   byId.get(s.scenario)?.label ?? s.scenario,
                   ...levels.map((c) => s.points.find((p) => p.concurrency === c)?.formatted ?? ''),
                   s.scaling.formatted,
                 ])} />
    </Figure>
  );
}
