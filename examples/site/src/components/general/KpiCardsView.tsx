// Headline figures as cards: label, value, the change behind it and a line under it.
import type {KpiCardsProps} from './types';
import Frame, {Change, styles} from './Frame';

export default function KpiCardsView({props}: {props: KpiCardsProps}) {
  return (
    <Frame props={props}>
      <div className={styles.cards}>
        {props.cards.map((card, i) => (
          <div key={i} className={styles.card} data-testid="kpi-card"
               style={card.color ? {borderTopColor: card.color} : undefined}>
            <div className={styles.cardLabel} data-testid="kpi-label">{card.label}</div>
            <div className={styles.cardValue} data-testid="kpi-value"
                 data-missing={card.figure && card.figure.value === null ? 'true' : 'false'}>{card.value}</div>
            {card.change && card.change.formatted !== card.value ? <Change change={card.change} /> : null}
            {card.sub ? <div className={styles.cardText} data-testid="kpi-sub">{card.sub}</div> : null}
          </div>
        ))}
      </div>
    </Frame>
  );
}
