/** CloudFormation status → how it reads: done, failed/rolled back, or still moving. */
export function stackTone(status: string): 'success' | 'danger' | 'info' {
  if (/FAILED|ROLLBACK/.test(status)) return 'danger';
  if (/IN_PROGRESS/.test(status)) return 'info';
  return 'success';
}

export const BOOTSTRAP_STACK = 'platform-bootstrap';
