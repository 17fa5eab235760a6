// English labels of the closed loop's codes (whole phrases, for the i18n catalogue later).
export const STATE_LABEL: Record<string, string> = {
  open: 'Open',
  contacted: 'Contacted',
  closed: 'Closed',
};
export const CHANNEL_LABEL: Record<string, string> = {
  call: 'Phone call',
  email: 'Email',
  meeting: 'Meeting',
  message: 'Message',
  letter: 'Letter',
};
export const OUTCOME_LABEL: Record<string, string> = {
  reached: 'Reached the customer',
  no_answer: 'No answer',
  resolved: 'Resolved with the customer',
};
export const KIND_LABEL: Record<string, string> = {
  apology_call: 'Apology call',
  apology_email: 'Apology email',
  handwritten_letter: 'Handwritten letter',
  meeting: 'Meeting',
  gift: 'Gift',
  free_service: 'Free service',
  discount: 'Discount',
  refund: 'Refund',
  none: 'No action (baseline)',
};
export const REASON_LABEL: Record<string, string> = {
  recovered: 'Recovered',
  not_reachable: 'Not reachable',
  declined: 'Customer declined',
  unfounded: 'Unfounded',
};
export const EVENT_LABEL: Record<string, string> = {
  opened: 'Case opened',
  first_response: 'First response to the complaint',
  resolved: 'Complaint resolved',
  follow_up: 'Follow-up recorded in the import',
  contact: 'Contact logged',
  recovery_action: 'Recovery action',
  reassigned: 'Case reassigned',
  closed: 'Case closed',
  reopened: 'Case reopened',
};
