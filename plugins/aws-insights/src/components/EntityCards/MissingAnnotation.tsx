import Alert from '@material-ui/lab/Alert';

/** The entity lacks what the card needs to find its AWS resource. */
export function MissingAnnotation(props: { annotation: string }) {
  return (
    <Alert severity="info" variant="outlined">
      This entity has no <code>{props.annotation}</code> annotation, so its AWS
      data cannot be looked up.
    </Alert>
  );
}
