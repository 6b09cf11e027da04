import { useRoute } from '../../app/router.js';
import { filtersFromQuery } from './filters.js';
import { TransactionDetail } from './TransactionDetail.js';
import { TransactionList } from './TransactionList.js';
import './transactions.css';

/** `#/transactions?station=&state=&idTag=&from=&to=&page=` (list) and `#/transactions/<id>` (detail). */
export default function TransactionsView() {
  const route = useRoute();
  const id = Number(route.params[0]);
  if (route.params[0] && Number.isInteger(id) && id > 0) return <TransactionDetail key={id} id={id} />;
  return <TransactionList filters={filtersFromQuery(route.query)} />;
}
