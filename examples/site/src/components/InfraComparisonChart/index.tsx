import type {ComponentProps} from '@site-data/types';
import Figure from '../common/Figure';
import DataTable from '../common/DataTable';
import styles from '../common/chart.module.css';

const NUMERIC = new Set([
  'memory_per_accelerator', 'total_memory', 'memory_bandwidth', 'network', 'hourly_price', 'price_per_accelerator_hour',
]);

/** InfraComparisonChart: the scenarios' hardware side by side, and the test environment. */
export default function InfraComparisonChart(props: ComponentProps<'InfraComparisonChart'>) {
  const keys = Object.keys(props.columns);
  const cell = (row: (typeof props.rows)[number], key: string): string => {
    const value = (row as unknown as Record<string, unknown>)[key];
    if (value && typeof value === 'object' && 'formatted' in value) return String((value as {formatted: string}).formatted);
    if (key === 'scenario') return props.scenarios.find((s) => s.id === row.scenario)?.label ?? row.scenario;
    return String(value ?? '');
  };
  const provenance = props.rows.flatMap((r) => [r.hourly_price.provenance, r.memory_bandwidth.provenance]);
  // Scenarios as columns, properties as rows: five scenarios fit the page's width, twelve properties do not.
  const properties = keys.filter((k) => k !== 'scenario');
  return (
    <Figure component={props.component} title={props.title} provenance={provenance} footnotes={props.footnotes}>
      <div style={{overflowX: 'auto'}}>
        <DataTable testid="infra-table" header={[props.columns.scenario, ...props.rows.map((r) => cell(r, 'scenario'))]}
                   numeric={[false, ...props.rows.map(() => false)]}
                   rows={properties.map((k) => [props.columns[k], ...props.rows.map((row) => cell(row, k))])}
                   numericRows={properties.map((k) => NUMERIC.has(k))} />
      </div>
      <div className={styles.groupHeading} style={{marginTop: '0.75rem'}}>{props.environment_title}</div>
      <dl data-testid="environment" style={{display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '0.2rem 1rem', margin: 0}}>
        {props.environment.map((item) => [
          <dt key={`t${item.label}`} style={{fontWeight: 600}}>{item.label}</dt>,
          <dd key={`d${item.label}`} style={{margin: 0}}>{item.value}</dd>,
        ])}
      </dl>
    </Figure>
  );
}
