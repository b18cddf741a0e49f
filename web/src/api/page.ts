/** One page of a list, as every paged API answer has it. */
export interface PageOf<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** How many pages a paged answer has (at least one). */
export const pageCount = (data: { total: number; pageSize: number } | undefined) =>
  data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
