// The invitations feature's public surface: other features import it from here only (eslint).
export { HealthCheckInvitationActions, ReviewMeetingInvitation } from './InvitationActions';
