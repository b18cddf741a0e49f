import { Fragment, type ReactNode } from 'react';
import classes from './details-list.module.css';

/** Facts about something, as a description list: each term beside its value. */
export function DetailsList({ items }: { items: { term: string; value: ReactNode }[] }) {
  return (
    <dl className={classes.list}>
      {items.map((item) => (
        <Fragment key={item.term}>
          <dt>{item.term}</dt>
          <dd>{item.value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
