// Cards of text: a title, a paragraph, tags and a list; coloured by their scenario.
import type {ScenarioLabelProps, TextCardProps, TextCardsProps} from './types';
import Frame, {scenarioMap, styles} from './Frame';

export function TextCard({card, scenarios}: {card: TextCardProps; scenarios: Map<string, ScenarioLabelProps>}) {
  const color = card.color ?? (card.scenario ? scenarios.get(card.scenario)?.color : undefined);
  return (
    <div className={styles.card} data-testid="text-card" style={color ? {borderTopColor: color} : undefined}>
      <div className={styles.cardTitle} data-testid="card-title">{card.title}</div>
      {card.text ? <p className={styles.cardText} data-testid="card-text">{card.text}</p> : null}
      {card.items.length > 0 ? (
        <ul className={styles.items}>{card.items.map((item, i) => <li key={i} data-testid="card-item">{item}</li>)}</ul>
      ) : null}
      {card.tags.length > 0 ? (
        <div className={styles.tags}>{card.tags.map((tag, i) => <span key={i} className={styles.tag} data-testid="card-tag">{tag}</span>)}</div>
      ) : null}
    </div>
  );
}

export default function TextCardsView({props}: {props: TextCardsProps}) {
  const scenarios = scenarioMap(props.scenarios);
  return (
    <Frame props={props}>
      <div className={styles.cards}>
        {props.cards.map((card, i) => <TextCard key={i} card={card} scenarios={scenarios} />)}
      </div>
    </Frame>
  );
}
