// Groups of bars: one group per scenario (or label), one bar per series (statistic, level...).
// Series are told apart by the scenario colour's opacity; the legend names them.
import type {GroupedBarsProps} from './types';
import Frame, {Axis, Change, Swatch, Value, scenarioMap, share, styles} from './Frame';

const OPACITY = [1, 0.62, 0.36, 0.82, 0.5];

export default function GroupedBarsView({props}: {props: GroupedBarsProps}) {
  const scenarios = scenarioMap(props.scenarios);
  return (
    <Frame props={props}>
      {props.sections.map((section, s) => {
        const order = new Map(section.series.map((x, i) => [x.id, i]));
        // The legend shows the series in the colour of the section's scenario when it has one.
        const colors = new Set(section.groups.map((g) => scenarios.get(g.scenario)?.color));
        const legendColor = colors.size === 1 ? [...colors][0] ?? 'var(--ifm-color-emphasis-700)' : 'var(--ifm-color-emphasis-700)';
        return (
          <div key={s} className={styles.panel} data-testid="panel">
            <div className={styles.panelHead}>
              <span className={styles.panelTitle} data-testid="panel-title">{section.title}</span>
              <span className={styles.direction} data-testid="direction">{section.direction_label}</span>
            </div>
            {section.series.length > 1 ? (
              <div className={styles.legend} data-testid="legend">
                {section.series.map((x, i) => (
                  <span key={x.id} className={styles.legendItem}>
                    <Swatch color={legendColor} opacity={OPACITY[i % OPACITY.length]} />
                    <span data-testid="series-label">{x.label}</span>
                  </span>
                ))}
              </div>
            ) : null}
            {section.groups.map((group, g) => {
              const color = scenarios.get(group.scenario)?.color ?? 'var(--ifm-color-emphasis-500)';
              return (
                <div key={g} className={styles.row} data-testid="group" data-scenario={group.scenario}>
                  <div className={styles.rowHead}>
                    <span className={styles.rowLabel} data-testid="group-label"><b>{group.label}</b></span>
                    {group.change ? <Change change={group.change} /> : null}
                  </div>
                  {group.bars.map((bar, i) => {
                    const value = bar.figure.value;
                    const series = section.series.find((x) => x.id === bar.series);
                    const k = order.get(bar.series) ?? i;
                    return (
                      <div key={i} data-testid="bar-row">
                        <div className={styles.rowHead}>
                          <span className={styles.rowLabel}>{series?.label ?? bar.series}</span>
                          <Value figure={bar.figure} />
                        </div>
                        <div className={`${styles.track} ${styles.sub}`}>
                          {value !== null ? (
                            <span className={styles.bar} data-testid="bar" data-value={value}
                                  style={{width: `${share(value, section.axis)}%`, backgroundColor: color,
                                    opacity: OPACITY[k % OPACITY.length]}} />
                          ) : null}
                        </div>
                      </div>
                    );
                  })}
                </div>
              );
            })}
            <Axis axis={section.axis} locale={props.locale} />
          </div>
        );
      })}
    </Frame>
  );
}
