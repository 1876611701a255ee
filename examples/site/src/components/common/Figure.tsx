// The frame every chart component draws in: title, subtitle, provenance badges, footnotes.
// It holds no strings of its own: every text arrives in the props.
import type {ReactNode} from 'react';
import type {ProvenanceProps} from '@site-data/types';
import styles from './chart.module.css';

export interface FigureProps {
  component: string;
  title: string;
  subtitle?: string;
  provenance?: ProvenanceProps[];
  footnotes: string[];
  children: ReactNode;
}

/** One badge per kind of provenance among the figures shown ('Estimated', 'Derived', ...). */
export function ProvenanceBadges({provenance}: {provenance: ProvenanceProps[]}) {
  const kinds = new Map<string, ProvenanceProps>();
  for (const p of provenance) if (!kinds.has(p.kind)) kinds.set(p.kind, p);
  return (
    <div className={styles.badges}>
      {[...kinds.values()].map((p) => (
        <span key={p.kind} className={styles.badge} data-kind={p.kind} data-testid="provenance"
              title={p.source ? `${p.source.title} (${p.source.publisher})` : p.formula ?? undefined}>
          {p.label}
        </span>
      ))}
    </div>
  );
}

export function Footnotes({notes}: {notes: string[]}) {
  if (notes.length === 0) return null;
  return (
    <ul className={styles.footnotes} data-testid="footnotes">
      {notes.map((note, i) => <li key={i}>{note}</li>)}
    </ul>
  );
}

export default function Figure({component, title, subtitle, provenance = [], footnotes, children}: FigureProps) {
  return (
    <figure className={styles.figure} data-chart={component}>
      <div className={styles.header}>
        <div>
          <h4 className={styles.title} data-testid="chart-title">{title}</h4>
          {subtitle ? <div className={styles.subtitle} data-testid="chart-subtitle">{subtitle}</div> : null}
        </div>
        <ProvenanceBadges provenance={provenance} />
      </div>
      {children}
      <Footnotes notes={footnotes} />
    </figure>
  );
}
