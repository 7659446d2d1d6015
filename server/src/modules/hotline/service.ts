// The hotline's use cases, one file each; this file only gathers them for routes.ts, index.ts and the tests.
export { maskName, maskPhone, ticketNumber, hidesCaller, reopenable, pastDue } from './ticket.ts';
export { presentTicket, callerView } from './present.ts';
export { DUPLICATE_WINDOW_DAYS, intake, intakeIn, createByOperator, createFromPortal, duplicatesOf } from './intake.ts';
export { getTicket, myPhoto, callerTickets, photoOf, revealCaller } from './read.ts';
export { listTickets, myTickets } from './lists.ts';
export { setPublicText } from './public-text.ts';
export { dispatch, sign, returnTicket, requestExtension, reply } from './actions/unit.ts';
export { decideExtension, review } from './actions/review.ts';
export { answerDirectly, refer, merge, urge } from './actions/center.ts';
export { followUp, followUpByToken, reopen } from './actions/follow-up.ts';
export { runUrging } from './urging.ts';
