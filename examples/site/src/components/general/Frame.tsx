// The frame every generic view draws in: title, description, body, notes and footnotes.
// Every text comes from the props.
import type {CSSProperties, ReactNode} from 'react';
import type {AxisProps, ChangeProps, ScenarioLabelProps, ValueProps} from './types';
import styles from './general.module.css';

export interface FrameProps {
  props: {component?: string; kind: string; title: string; description?: string | null;
    notes: string[]; footnotes: string[]};
  children: ReactNode;
}

export default function Frame({props, children}: FrameProps) {
  return (
    <figure className={styles.figure} data-chart={props.component} data-kind={props.kind}>
      <h4 className={styles.title} data-testid="chart-title">{props.title}</h4>
      {props.description ? <p className={styles.description} data-testid="chart-description">{props.description}</p> : null}
      {children}
      {props.notes.length > 0 ? (
        <ul className={styles.notes} data-testid="notes">{props.notes.map((n, i) => <li key={i}>{n}</li>)}</ul>
      ) : null}
      {props.footnotes.length > 0 ? (
        <ul className={styles.footnotes} data-testid="footnotes">{props.footnotes.map((n, i) => <li key={i}>{n}</li>)}</ul>
      ) : null}
    </figure>
  );
}

export function scenarioMap(scenarios: ScenarioLabelProps[]): Map<string, ScenarioLabelProps> {
  return new Map(scenarios.map((s) => [s.id, s]));
}

/** Share of the axis a value covers, 0..100; the axis starts at axis.min (0 in the props). */
export function share(value: number, axis: AxisProps): number {
  const span = axis.max - axis.min;
  if (!(span > 0)) return 0;
  return Math.min(100, Math.max(0, ((value - axis.min) / span) * 100));
}

/** A number of the axis in the page's locale (the axis ends are numbers of the props). */
export function axisNumber(value: number, locale: string | undefined): string {
  return new Intl.NumberFormat(locale === 'zh' ? 'zh-Hans' : locale ?? 'en').format(value);
}

export function Value({figure}: {figure: ValueProps}) {
  const missing = figure.value === null;
  return (
    <span className={styles.value} data-testid="value" data-missing={missing ? 'true' : 'false'}
          data-provenance={figure.provenance.kind} title={figure.provenance.label}>
      {figure.formatted}
    </span>
  );
}

export function Change({change}: {change: ChangeProps}) {
  const better = change.better === null || change.better === undefined ? 'none' : String(change.better);
  return (
    <span className={styles.change} data-testid="change" data-better={better} title={change.sentence}>
      {change.formatted}
    </span>
  );
}

export function Axis({axis, locale}: {axis: AxisProps; locale?: string}) {
  return (
    <div className={styles.axis} data-testid="axis" data-min={axis.min} data-max={axis.max}>
      <span>{axisNumber(axis.min, locale)}</span>
      <span data-testid="axis-label">{axis.label}</span>
      <span>{axisNumber(axis.max, locale)}</span>
    </div>
  );
}

export function Swatch({color, opacity = 1}: {color: string; opacity?: number}) {
  const style: CSSProperties = {backgroundColor: color, opacity};
  return <span className={styles.swatch} style={style} aria-hidden />;
}

export {styles};
