export { defineStateMachine, type StateMachine, type TransitionTable } from './state-machine.ts';
