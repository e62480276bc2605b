// The health-checks feature's public surface: other features import it from here only (eslint).
export { HealthCheckSection } from './HealthCheckSection';
