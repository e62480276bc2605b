// The saved-views feature's public surface: other features and the layout import it from here only.
export { SavedViewsNav } from './SavedViewsNav';
export { SavedViewBar } from './SavedViewBar';
export { useSavedViews } from './data';
