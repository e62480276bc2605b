// The reply templates feature's public surface: other features import it from here only (eslint).
export { InsertTemplate } from './InsertTemplate';
export { SignatureSettings } from './SignatureSettings';
export { TemplatesPage } from './TemplatesPage';
