// Work management's public surface: the routes, the tables for the
// composition root, and the use cases the demo data (and later modules) call.
export { workDb, type WorkDeps, type WorkTables } from './work.tables.ts'
export { workRoutes } from './work.routes.ts'
export { STANDARD_WORKFLOW, type FieldDefinition, type Workflow } from './catalog-documents.ts'
export { createQueue, updateQueue, type QueueInput } from './manage-queues.ts'
export { createRequestType, type RequestTypeInput } from './manage-request-types.ts'
export { submitRequest } from './submit-request.ts'
export { transitionItem } from './transition-item.ts'
export { assignItem } from './assign-item.ts'
export { commentOnItem } from './comment-on-item.ts'
export { logTime } from './log-time.ts'
export { updateItem } from './update-item.ts'
export { workViewerOf } from './work-viewer.ts'
