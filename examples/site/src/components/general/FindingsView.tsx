// Findings as cards: tag, title, text, the figures and the change they rest on.
import type {FindingsProps} from './types';
import Frame, {Change, Value, scenarioMap, styles} from './Frame';

export default function FindingsView({props}: {props: FindingsProps}) {
  const scenarios = scenarioMap(props.scenarios);
  return (
    <Frame props={props}>
      <div className={styles.cards}>
        {props.findings.map((f, i) => {
          const color = f.color ?? (f.scenario ? scenarios.get(f.scenario)?.color : undefined);
          return (
            <div key={i} className={styles.card} data-testid="finding" data-kind={f.kind}
                 style={color ? {borderTopColor: color} : undefined}>
              {f.tag ? <div className={styles.tags}><span className={styles.tag} data-testid="finding-tag">{f.tag}</span></div> : null}
              <div className={styles.cardTitle} data-testid="finding-title">{f.title}</div>
              <p className={styles.cardText} data-testid="finding-text">{f.text}</p>
              {f.figures.length > 0 || f.change ? (
                <div className={styles.figures}>
                  {f.figures.map((fig, k) => <Value key={k} figure={fig} />)}
                  {f.change ? <Change change={f.change} /> : null}
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
    </Frame>
  );
}
