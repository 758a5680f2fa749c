/**
 * Excel export use cases: build the workbook for a request and return its bytes. The caller (CLI or
 * the desktop shell) chooses where to write them. The document date is an input, so the same
 * request on the same date gives the same bytes.
 */
import type { CompareRequest } from '../../shared/api';
import { writeComparisonWorkbook } from '../export/comparison-workbook';
import { writeTariffWorkbook } from '../export/tariff-workbook';
import { catalogueShow, type Catalogue } from './catalogue';
import { compareColumns } from './compare';

export async function comparisonWorkbook(cat: Catalogue, request: CompareRequest, date: string): Promise<Buffer> {
  return writeComparisonWorkbook(compareColumns(cat, request), { date });
}

export async function tariffWorkbook(cat: Catalogue, productIds: string[], date: string): Promise<Buffer> {
  return writeTariffWorkbook(
    productIds.map((id) => catalogueShow(cat, id)),
    { date },
  );
}
