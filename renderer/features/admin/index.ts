// The admin feature's public surface: other features import it from here only (eslint).
export { CalendarEditor } from './CalendarEditor';
export { ContactsEditor } from './ContactsEditor';
export { CustomerAdminBar } from './CustomerAdminBar';
export { CustomersAdminLinks } from './CustomersAdminLinks';
export { ProductSupportPanel } from './ProductSupportPanel';
export { ProductsEditor } from './ProductsEditor';
export { ReportAddressees } from './ReportAddressees';
