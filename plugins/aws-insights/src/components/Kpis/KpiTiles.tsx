import { Box, Flex, Grid, Skeleton, Text } from '@backstage/ui';
import { FleetResponse } from '@platform-portal/plugin-aws-insights-common';
import { Kpi, kpis } from '../../viewModel/kpis';
import styles from './KpiTiles.module.css';

/** Capacity and mix (the first five tiles) on one row, money and risk (four) on the next. */
const FIRST_ROW = 5;

const ROW_COLUMNS = [
  { initial: '2', sm: '3', md: '5' },
  { initial: '2', md: '4' },
] as const;

function KpiTile({ kpi }: { kpi: Kpi }) {
  return (
    <Box
      bg="neutral"
      px="4"
      py="3"
      className={styles.tile}
      role="group"
      aria-label={kpi.label}
      data-kpi={kpi.id}
      data-tone={kpi.tone}
    >
      <Text
        as="div"
        variant="body-small"
        weight="bold"
        color="secondary"
        className={styles.label}
      >
        {kpi.label}
      </Text>
      <Text
        as="div"
        variant="title-small"
        weight="bold"
        className={styles.value}
      >
        {kpi.value}
      </Text>
      {kpi.hint && (
        <Text as="div" variant="body-small" color="secondary">
          {kpi.hint}
        </Text>
      )}
    </Box>
  );
}

function TileRows(props: { tiles: JSX.Element[] }) {
  const rows = [props.tiles.slice(0, FIRST_ROW), props.tiles.slice(FIRST_ROW)];
  return (
    <>
      {rows.map((row, i) => (
        <Grid.Root key={i} columns={ROW_COLUMNS[i]} gap="3">
          {row}
        </Grid.Root>
      ))}
    </>
  );
}

/** The headline figures: the first thing the page shows. */
export function KpiTiles(props: { fleet: FleetResponse }) {
  return (
    <Flex
      direction="column"
      gap="3"
      mb="4"
      role="region"
      aria-label="Key figures"
    >
      <TileRows
        tiles={kpis(props.fleet).map(kpi => (
          <KpiTile key={kpi.id} kpi={kpi} />
        ))}
      />
    </Flex>
  );
}

export function KpiTilesSkeleton() {
  return (
    <Flex direction="column" gap="3" mb="4" data-testid="kpi-skeleton">
      <TileRows
        tiles={Array.from({ length: 9 }, (_, i) => (
          <Box key={i} bg="neutral" px="4" py="3" className={styles.tile}>
            <Flex direction="column" gap="2">
              <Skeleton width="60%" height={14} />
              <Skeleton width="80%" height={28} />
              <Skeleton width="40%" height={14} />
            </Flex>
          </Box>
        ))}
      />
    </Flex>
  );
}
