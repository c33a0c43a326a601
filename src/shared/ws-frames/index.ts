// RFC 6455 frame codec, shared by the virtual board, the links and the frame log.
export * from './decoder';
export * from './encoder';
