// A table of figures and changes; it scrolls inside its card on a narrow screen.
import type {ValueTableProps} from './types';
import Frame, {styles} from './Frame';

export default function ValueTableView({props}: {props: ValueTableProps}) {
  return (
    <Frame props={props}>
      <div className={styles.scroll}>
        <table className={styles.table} data-testid="value-table">
          <thead>
            <tr>
              <th>{props.row_heading}</th>
              {props.columns.map((c) => <th key={c.id} className={styles.num}>{c.label}</th>)}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row, r) => (
              <tr key={r}>
                <td>{row.label}</td>
                {row.cells.map((cell, c) => {
                  const missing = cell.figure ? cell.figure.value === null : false;
                  const better = cell.change?.better;
                  return (
                    <td key={c} className={`${styles.num} ${cell.best ? styles.cellBest : ''}`}
                        data-best={cell.best ? 'true' : 'false'} data-missing={missing ? 'true' : 'false'}
                        title={cell.change?.sentence ?? cell.figure?.provenance.label}>
                      {cell.change ? (
                        <span className={styles.change} data-better={better === null || better === undefined ? 'none' : String(better)}>
                          {cell.text}
                        </span>
                      ) : cell.text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Frame>
  );
}
