// Recommendations: a table of workload, recommended choice and rationale (with the changes and
// figures behind it), then any cards.
import type {RecommendationsProps} from './types';
import Frame, {Change, Value, scenarioMap, styles} from './Frame';
import {TextCard} from './TextCardsView';

export default function RecommendationsView({props}: {props: RecommendationsProps}) {
  const scenarios = scenarioMap(props.scenarios);
  return (
    <Frame props={props}>
      {props.rows.length > 0 ? (
        <div className={styles.scroll}>
          <table className={styles.table} data-testid="recommendations">
            <thead>
              <tr>
                <th>{props.columns.workload}</th>
                <th>{props.columns.recommended}</th>
                <th>{props.columns.rationale}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row, r) => (
                <tr key={r} data-testid="recommendation">
                  <td>{row.workload}</td>
                  <td style={{minWidth: '8rem'}}>
                    <b data-testid="recommended">{row.recommended}</b>
                  </td>
                  <td style={{minWidth: '12rem'}}>
                    <div data-testid="rationale">{row.rationale}</div>
                    {row.changes.length > 0 || row.figures.length > 0 ? (
                      <div className={styles.figures}>
                        {row.changes.map((c, k) => <Change key={`c${k}`} change={c} />)}
                        {row.figures.map((f, k) => <Value key={`f${k}`} figure={f} />)}
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {props.cards.length > 0 ? (
        <div className={styles.cards}>{props.cards.map((card, i) => <TextCard key={i} card={card} scenarios={scenarios} />)}</div>
      ) : null}
    </Frame>
  );
}
