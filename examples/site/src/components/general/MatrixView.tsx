// A support matrix: a mark (its word from the props) and a text per cell.
import type {MatrixCellProps, MatrixProps} from './types';
import Frame, {styles} from './Frame';

const SYMBOL: Record<NonNullable<MatrixCellProps['mark']>, string> = {yes: '✓', no: '✗', partial: '◐'};

export default function MatrixView({props}: {props: MatrixProps}) {
  return (
    <Frame props={props}>
      <div className={styles.scroll}>
        <table className={styles.table} data-testid="matrix">
          <thead>
            <tr>
              <th>{props.row_heading}</th>
              {props.columns.map((c, i) => <th key={i}>{c}</th>)}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row, r) => (
              <tr key={r} className={row.highlight ? styles.highlight : undefined} data-highlight={row.highlight ? 'true' : 'false'}>
                <td>{row.label}</td>
                {row.cells.map((cell, c) => (
                  <td key={c} data-mark={cell.mark ?? 'none'} data-testid="matrix-cell">
                    {cell.mark ? <span className={styles.mark} data-mark={cell.mark} aria-hidden>{SYMBOL[cell.mark]}</span> : null}
                    {cell.mark && cell.mark_label && cell.mark_label !== cell.text ? (
                      <><span data-testid="mark-label">{cell.mark_label}</span>: </>
                    ) : null}
                    <span data-testid="cell-text">{cell.text}</span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Frame>
  );
}
