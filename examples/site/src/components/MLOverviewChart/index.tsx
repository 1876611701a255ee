import type {ComponentProps} from '@site-data/types';
import Figure from '../common/Figure';
import styles from '../common/chart.module.css';

/** MLOverviewChart: the one-sentence summary and the best scenario on each headline metric. */
export default function MLOverviewChart(props: ComponentProps<'MLOverviewChart'>) {
  const byId = new Map(props.scenarios.map((s) => [s.id, s]));
  return (
    <Figure component={props.component} title={props.title} provenance={props.highlights.map((h) => h.provenance)}
            footnotes={props.footnotes}>
      <p data-testid="summary" style={{margin: '0.5rem 0 0'}}>{props.summary}</p>
      <div className={styles.cards}>
        {props.highlights.map((h) => (
          <div key={h.metric} className={styles.card} style={{borderTopColor: byId.get(h.scenario)?.color}}
               data-testid="highlight" data-scenario={h.scenario}>
            <div className={styles.muted}>{h.label}</div>
            <div className={styles.cardFigure} data-testid="highlight-value">{h.formatted}</div>
            <div>{byId.get(h.scenario)?.label ?? h.scenario}</div>
            <div className={styles.muted}>{h.caption}</div>
          </div>
        ))}
      </div>
    </Figure>
  );
}
