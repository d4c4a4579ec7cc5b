import { ReactNode } from 'react';
import { TableRoot } from '@backstage/ui';
import styles from './ReportTable.module.css';

/**
 * A read-only table of figures on BUI's table (its TableHeader, Column, TableBody, Row, Cell).
 * BUI gives every column the same fixed width and clips what does not fit; a report sizes its
 * columns to their content instead and scrolls sideways when narrow, so no figure is cut off.
 * Mark one Column `isRowHeader`: it names the row for screen readers.
 */
export function ReportTable(props: { label: string; children: ReactNode }) {
  return (
    <div className={styles.scroll}>
      <TableRoot aria-label={props.label} style={{ tableLayout: 'auto' }}>
        {props.children}
      </TableRoot>
    </div>
  );
}

/** Class names for report columns and cells: right-aligned tabular figures, no wrapping. */
export const reportCell = {
  numeric: styles.numeric,
  nowrap: styles.nowrap,
  top: styles.top,
};
