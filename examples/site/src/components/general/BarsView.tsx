// Horizontal bars, one per scenario and panel. A figure that was not measured (value null) gets
// its formatted text and no bar. Bars are scaled on the panel's axis (axis.min is 0).
import type {BarsProps} from './types';
import Frame, {Axis, Change, Value, scenarioMap, share, styles} from './Frame';

export default function BarsView({props}: {props: BarsProps}) {
  const scenarios = scenarioMap(props.scenarios);
  return (
    <Frame props={props}>
      {props.panels.map((panel, p) => (
        <div key={p} className={styles.panel} data-testid="panel">
          <div className={styles.panelHead}>
            <span className={styles.panelTitle} data-testid="panel-title">{panel.title}</span>
            <span className={styles.direction} data-testid="direction">{panel.direction_label}</span>
          </div>
          {panel.bars.map((bar, i) => {
            const scenario = scenarios.get(bar.scenario);
            const color = scenario?.color ?? 'var(--ifm-color-emphasis-500)';
            const value = bar.figure.value;
            return (
              <div key={i} className={styles.row} data-testid="bar-row" data-scenario={bar.scenario}>
                <div className={styles.rowHead}>
                  <span className={styles.rowLabel} data-testid="bar-label">{scenario?.label ?? bar.scenario}</span>
                  <Value figure={bar.figure} />
                  {bar.relative ? <Change change={bar.relative} /> : null}
                  {bar.flag ? <span className={styles.flag} data-testid="flag">{bar.flag}</span> : null}
                  {bar.best ? <span className={styles.best} data-testid="best" aria-hidden>★</span> : null}
                </div>
                <div className={styles.track}>
                  {value !== null ? (
                    <span className={styles.bar} data-testid="bar" data-value={value}
                          data-best={bar.best ? 'true' : 'false'}
                          style={{width: `${share(value, panel.axis)}%`, backgroundColor: color}} />
                  ) : null}
                  {panel.line ? (
                    <span className={styles.refLine} style={{left: `${share(panel.line.value, panel.axis)}%`}} aria-hidden />
                  ) : null}
                </div>
              </div>
            );
          })}
          <Axis axis={panel.axis} locale={props.locale} />
          {panel.line ? (
            <div className={styles.legend}>
              <span className={styles.legendItem} data-testid="reference-line">
                <span className={styles.dash} aria-hidden />{panel.line.label}: {panel.line.formatted}
              </span>
            </div>
          ) : null}
        </div>
      ))}
    </Frame>
  );
}
