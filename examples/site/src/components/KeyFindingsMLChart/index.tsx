import type {ComponentProps} from '@site-data/types';
import Figure from '../common/Figure';
import styles from '../common/chart.module.css';

/** KeyFindingsMLChart: one card per finding, written from the computed figures. */
export default function KeyFindingsMLChart(props: ComponentProps<'KeyFindingsMLChart'>) {
  const byId = new Map(props.scenarios.map((s) => [s.id, s]));
  return (
    <Figure component={props.component} title={props.title} footnotes={props.footnotes}>
      <div className={styles.cards}>
        {props.findings.map((f, i) => (
          <div key={i} className={styles.card} data-testid="finding" data-kind={f.kind}
               style={{borderTopColor: f.scenario ? byId.get(f.scenario)?.color : '#9ca3af'}}>
            <div className={styles.cardTitle} data-testid="finding-title">{f.title}</div>
            <div data-testid="finding-text">{f.text}</div>
            {f.note ? <div className={styles.note} data-testid="finding-note">{f.note}</div> : null}
          </div>
        ))}
      </div>
    </Figure>
  );
}
