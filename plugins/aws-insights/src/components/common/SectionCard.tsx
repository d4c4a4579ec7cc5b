import { ReactNode } from 'react';
import {
  Card,
  CardContent,
  CardHeader,
  Divider,
  makeStyles,
} from '@material-ui/core';

const useStyles = makeStyles(theme => ({
  card: { height: '100%', display: 'flex', flexDirection: 'column' },
  header: { paddingBottom: theme.spacing(1) },
  title: { fontSize: '1.1rem', fontWeight: 600 },
  content: { flex: 1, '&:last-child': { paddingBottom: theme.spacing(2) } },
}));

/** One dashboard section: a titled card, labelled for assistive technology and tests. */
export function SectionCard(props: {
  title: string;
  subheader?: ReactNode;
  action?: ReactNode;
  children: ReactNode;
}) {
  const classes = useStyles();
  return (
    <Card
      className={classes.card}
      component="section"
      aria-label={props.title}
      variant="outlined"
    >
      <CardHeader
        className={classes.header}
        title={props.title}
        titleTypographyProps={{ component: 'h2', className: classes.title }}
        subheader={props.subheader}
        subheaderTypographyProps={{ variant: 'body2' }}
        action={props.action}
      />
      <Divider />
      <CardContent className={classes.content}>{props.children}</CardContent>
    </Card>
  );
}
