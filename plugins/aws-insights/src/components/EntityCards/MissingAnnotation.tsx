import { Alert } from '@backstage/ui';

/** The entity lacks what the card needs to find its AWS resource. */
export function MissingAnnotation(props: { annotation: string }) {
  return (
    <Alert
      status="info"
      icon
      title={
        <>
          This entity has no <code>{props.annotation}</code> annotation, so its
          AWS data cannot be looked up.
        </>
      }
    />
  );
}
