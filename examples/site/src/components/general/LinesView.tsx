// Lines over levels (load, concurrency...), drawn as SVG by hand: one line per scenario, the y
// axis from axis.min (0) to axis.max. A point not measured is left out and breaks its line. The
// values are also listed in a table under the chart.
import type {LinesProps} from './types';
import Frame, {Swatch, Value, axisNumber, scenarioMap, styles} from './Frame';

const W = 480;
const H = 260;
const M = {left: 52, right: 14, top: 14, bottom: 44};
const TICKS = 4;

export default function LinesView({props}: {props: LinesProps}) {
  const scenarios = scenarioMap(props.scenarios);
  const {axis, levels} = props;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const x = (i: number) => M.left + (levels.length > 1 ? (i / (levels.length - 1)) * plotW : plotW / 2);
  const span = axis.max - axis.min;
  const y = (v: number) => M.top + plotH - (span > 0 ? ((Math.min(Math.max(v, axis.min), axis.max) - axis.min) / span) * plotH : 0);
  const ticks = Array.from({length: TICKS + 1}, (_, i) => axis.min + (span * i) / TICKS);
  const index = new Map(levels.map((l, i) => [l.id, i]));
  return (
    <Frame props={props}>
      <div className={styles.panelHead}>
        <span className={styles.panelTitle}>{axis.label}</span>
        <span className={styles.direction} data-testid="direction">{props.direction_label}</span>
      </div>
      <svg className={styles.svg} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.title} data-testid="lines-svg">
        {ticks.map((t, i) => (
          <g key={i}>
            <line className={styles.grid} x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
            <text x={M.left - 6} y={y(t) + 4} textAnchor="end" data-testid="tick">{axisNumber(t, props.locale)}</text>
          </g>
        ))}
        <line className={styles.axisLine} x1={M.left} x2={M.left} y1={M.top} y2={M.top + plotH} />
        <line className={styles.axisLine} x1={M.left} x2={W - M.right} y1={M.top + plotH} y2={M.top + plotH} />
        {levels.map((l, i) => (
          <text key={l.id} x={x(i)} y={M.top + plotH + 16} textAnchor="middle" data-testid="level-label">{l.label}</text>
        ))}
        <text x={M.left + plotW / 2} y={H - 6} textAnchor="middle" data-testid="x-label">{props.x_label}</text>
        {props.lines.map((line) => {
          const color = scenarios.get(line.scenario)?.color ?? 'currentColor';
          const segments: string[][] = [[]];
          for (const point of line.points) {
            const i = index.get(point.level);
            if (point.figure.value === null || i === undefined) {
              if (segments[segments.length - 1].length > 0) segments.push([]);
              continue;
            }
            segments[segments.length - 1].push(`${x(i)},${y(point.figure.value)}`);
          }
          return (
            <g key={line.scenario} data-testid="line" data-scenario={line.scenario}>
              {segments.filter((s) => s.length > 1).map((s, k) => (
                <polyline key={k} points={s.join(' ')} fill="none" stroke={color} strokeWidth={2.5} />
              ))}
              {line.points.map((point, k) => {
                const i = index.get(point.level);
                if (point.figure.value === null || i === undefined) return null;
                return (
                  <circle key={k} cx={x(i)} cy={y(point.figure.value)} r={4} fill={color}
                          data-testid="point" data-value={point.figure.value}>
                    <title>{point.figure.formatted}</title>
                  </circle>
                );
              })}
            </g>
          );
        })}
      </svg>
      <div className={styles.legend}>
        {props.lines.map((line) => {
          const s = scenarios.get(line.scenario);
          return (
            <span key={line.scenario} className={styles.legendItem} data-testid="legend-item">
              <Swatch color={s?.color ?? 'currentColor'} />{s?.label ?? line.scenario}
            </span>
          );
        })}
      </div>
      <div className={styles.scroll}>
        <table className={styles.table} data-testid="lines-table">
          <thead>
            <tr>
              <th>{props.x_label}</th>
              {props.lines.map((line) => <th key={line.scenario}>{scenarios.get(line.scenario)?.label ?? line.scenario}</th>)}
            </tr>
          </thead>
          <tbody>
            {levels.map((l) => (
              <tr key={l.id}>
                <td>{l.label}</td>
                {props.lines.map((line) => {
                  const point = line.points.find((pt) => pt.level === l.id);
                  return <td key={line.scenario} className={styles.num}>{point ? <Value figure={point.figure} /> : null}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Frame>
  );
}
