/**
 * The data layer's public surface: the Table contract and the loader that
 * turns a data file's bytes into a Table.
 */

export * from './table';
export { createLoader, loadTable, type DataLoader, type LoaderOptions } from './loader';
export { csvHeaderLine } from './csv-reader';
