import { ReactNode } from 'react';
import { Cell, Column, Row, TableBody, TableHeader, Text } from '@backstage/ui';
import { ReportTable, reportCell } from './ReportTable';

/** One named value of a resource: its configuration, a metric, a stack output. */
export type Fact = [name: string, value: ReactNode];

/** A resource's facts, a row each: the name heads the row, the value follows. */
export function FactsTable(props: { label: string; facts: Fact[] }) {
  return (
    <ReportTable label={props.label}>
      <TableHeader>
        <Column isRowHeader>Property</Column>
        <Column>Value</Column>
      </TableHeader>
      <TableBody>
        {props.facts.map(([name, value]) => (
          <Row key={name} id={name}>
            <Cell className={`${reportCell.nowrap} ${reportCell.top}`}>
              <Text color="secondary">{name}</Text>
            </Cell>
            <Cell>{value}</Cell>
          </Row>
        ))}
      </TableBody>
    </ReportTable>
  );
}
