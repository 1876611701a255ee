import type {ComponentProps} from '@site-data/types';
import Figure from '../common/Figure';
import DataTable from '../common/DataTable';

/** ModelSpecChart: the models' specifications side by side. */
export default function ModelSpecChart(props: ComponentProps<'ModelSpecChart'>) {
  return (
    <Figure component={props.component} title={props.title}
            provenance={props.rows.flatMap((r) => r.cells.flatMap((c) => (c.provenance ? [c.provenance] : [])))}
            footnotes={props.footnotes}>
      <DataTable testid="spec-table" header={[props.property_label, ...props.models.map((m) => m.name)]}
                 rows={props.rows.map((r) => [r.label, ...r.cells.map((c) => c.formatted)])} />
    </Figure>
  );
}
