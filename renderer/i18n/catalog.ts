// The one helper type of every catalog: the Japanese catalog has the shape of the English one
// (same keys, strings widened), except English-only plural forms: a key `x_one` exists in
// English only, since Japanese has no plural forms (i18next picks `x_other` for every count).
export type Catalog<T> = {
  [K in keyof T as K extends `${string}_one` ? never : K]: T[K] extends string ? string : Catalog<T[K]>;
};
