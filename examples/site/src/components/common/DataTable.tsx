// A plain table of already formatted cells.
import styles from './chart.module.css';

export interface DataTableProps {
  header: string[];
  rows: string[][];
  /** Per column: right-aligned figures. */
  numeric?: boolean[];
  /** Per row: right-aligned figures (for tables whose rows are properties). */
  numericRows?: boolean[];
  testid?: string;
}

export default function DataTable({header, rows, numeric = [], numericRows = [], testid}: DataTableProps) {
  return (
    // The table scrolls inside its card: on a 390 px phone a wide table must not widen the page.
    <div className={styles.scroll}>
    <table className={styles.table} data-testid={testid}>
      <thead>
        <tr>{header.map((h, i) => <th key={i} className={numeric[i] ? styles.numeric : undefined}>{h}</th>)}</tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={r}>
            {row.map((cell, c) => (
              <td key={c} className={(numeric[c] || (numericRows[r] && c > 0)) ? styles.numeric : undefined}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
