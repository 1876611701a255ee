import type {ComponentProps} from '@site-data/types';
import Figure from '../common/Figure';
import styles from '../common/chart.module.css';

/** MLRecommendationChart: what to run each workload on, and each scenario's profile. */
export default function MLRecommendationChart(props: ComponentProps<'MLRecommendationChart'>) {
  const byId = new Map(props.scenarios.map((s) => [s.id, s]));
  const ratings = ['complexity', 'performance', 'cost'] as const;
  return (
    <Figure component={props.component} title={props.title} footnotes={props.footnotes}>
      <div className={styles.scroll}>
      <table className={styles.table} data-testid="workloads">
        <thead>
          <tr><th>{props.columns.workload}</th><th>{props.columns.scenarios}</th><th>{props.columns.rationale}</th></tr>
        </thead>
        <tbody>
          {props.workloads.map((w, i) => (
            <tr key={i} data-testid="workload">
              <td>{w.workload}</td>
              <td>
                {w.scenarios.map((id) => (
                  <span key={id} className={styles.chip} style={{backgroundColor: byId.get(id)?.color}}>
                    {byId.get(id)?.label ?? id}
                  </span>
                ))}
              </td>
              <td>{w.rationale}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <div className={styles.groupHeading} style={{marginTop: '0.9rem'}}>{props.cards_title}</div>
      <div className={styles.cards}>
        {props.cards.map((card) => (
          <div key={card.scenario} className={styles.card} data-testid="scenario-card"
               style={{borderTopColor: byId.get(card.scenario)?.color}}>
            <div className={styles.cardTitle}>{byId.get(card.scenario)?.label ?? card.scenario}</div>
            <dl style={{margin: 0}}>
              {ratings.map((key) => (
                <div key={key} style={{display: 'flex', justifyContent: 'space-between', gap: '0.5rem'}}>
                  <dt className={styles.muted}>{props.rating_labels[key]}</dt>
                  <dd style={{margin: 0, fontWeight: 600}}>
                    {card[key].label}
                    {card[key].note ? <span className={styles.muted} style={{marginLeft: '0.4rem'}}>{card[key].note}</span> : null}
                  </dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </div>
    </Figure>
  );
}
