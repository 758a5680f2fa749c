/**
 * The € reimbursement simulator as the CLI and the desktop call it. The work (reading the Sécurité sociale
 * parameters, the acts, the simulation) is in reimbursement/ and shared/core; this is the services' door to it.
 */
export { listActs, reimburse, responsibleCheck } from '../reimbursement/service';
