import type { DatasetItem } from '../../shared/domain/dataset';
import { datasetVersion } from '../../electron/db/queries/datasets';
import type { TestHost } from './service-host';

/** A dataset version's frozen items, read from the project's database beside the running host (either engine). */
export async function frozenItemsOf(host: TestHost, version: number): Promise<DatasetItem[]> {
  const current = (await host.ok('projects.current', {}))!;
  const connection = await host.openDatabase(current.dir);
  try {
    return (await datasetVersion(connection.db, version))!.items;
  } finally {
    await connection.close();
  }
}
