import { ReactNode, useId } from 'react';
import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';

/** One dashboard section: a titled card, a region named by its heading for assistive technology and tests. */
export function SectionCard(props: {
  title: string;
  subheader?: ReactNode;
  action?: ReactNode;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <Card role="region" aria-labelledby={titleId} style={{ height: '100%' }}>
      <CardHeader>
        <Flex justify="between" align="start" gap="3">
          <Flex direction="column" gap="1">
            <Text as="h2" id={titleId} variant="title-x-small" weight="bold">
              {props.title}
            </Text>
            {props.subheader && (
              <Text as="div" variant="body-medium" color="secondary">
                {props.subheader}
              </Text>
            )}
          </Flex>
          {props.action}
        </Flex>
      </CardHeader>
      <CardBody>{props.children}</CardBody>
    </Card>
  );
}
