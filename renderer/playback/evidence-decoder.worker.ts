import { answerDecodeRequest, type DecodeReply, type DecodeRequest } from './evidence-decoder-protocol';

/** The parts of DedicatedWorkerGlobalScope used here (the renderer's types are the DOM's, not a worker's). */
interface DecoderScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<DecodeRequest>) => void): void;
  postMessage(message: DecodeReply, transfer: Transferable[]): void;
}

const scope = self as unknown as DecoderScope;

scope.addEventListener('message', (event) => {
  const reply = answerDecodeRequest(event.data);
  scope.postMessage(reply.message, reply.transfer);
});
