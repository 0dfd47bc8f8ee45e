// In-page code for gen-fixtures.mjs: two RTCPeerConnections in one page, connected to each other.
// Loaded by the page that lib/serve.mjs serves on 127.0.0.1; the Node side calls window.runScenario(spec).
// Nothing here talks to the network except the two peer connections, which only see each other's
// host candidates (no ICE servers). An mDNS ".local" candidate is never handed to a peer connection.
'use strict';

(function () {
  const WAIT_MS = 20000;

  function withTimeout(promise, ms, what) {
    let timer;
    const timeout = new Promise((resolve, reject) => {
      timer = setTimeout(() => reject(new Error('timed out after ' + ms + ' ms waiting for ' + what)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  function candidateJson(candidate) {
    if (candidate === null) {
      return null;
    }
    const init = candidate.toJSON();
    // Keep the field order of RTCIceCandidateInit for readable files.
    return {
      candidate: init.candidate,
      sdpMid: init.sdpMid === undefined ? null : init.sdpMid,
      sdpMLineIndex: init.sdpMLineIndex === undefined ? null : init.sdpMLineIndex,
      usernameFragment: init.usernameFragment === undefined ? null : init.usernameFragment,
    };
  }

  // One side of the call: records every icecandidate event (in order, the null event included) since the
  // last reset, forwards candidates to the other side once it has a remote description, and resolves
  // `gathered` on the null event.
  class Side {
    constructor(label, config) {
      this.label = label;
      this.pc = new RTCPeerConnection(config);
      this.peer = null;
      this.events = [];
      this.pending = [];
      this.resetGathering();
      this.pc.addEventListener('icecandidate', (event) => this.onCandidate(event.candidate));
    }

    resetGathering() {
      this.events = [];
      this.gathered = new Promise((resolve) => {
        this.resolveGathered = resolve;
      });
    }

    onCandidate(candidate) {
      const json = candidateJson(candidate);
      this.events.push(json);
      if (candidate === null) {
        this.resolveGathered();
        return;
      }
      if (json.candidate.includes('.local ')) {
        throw new Error(this.label + ' gathered an mDNS candidate, refusing to use it: ' + json.candidate);
      }
      this.peer.receive(json);
    }

    receive(json) {
      this.pending.push(json);
      this.flush();
    }

    flush() {
      if (!this.pc.remoteDescription) {
        return;
      }
      const queue = this.pending;
      this.pending = [];
      for (const json of queue) {
        this.pc.addIceCandidate(json).catch((error) => {
          console.error(this.label + ' addIceCandidate failed: ' + error + ' for ' + JSON.stringify(json));
        });
      }
    }
  }

  function waitConnected(side) {
    const pc = side.pc;
    return withTimeout(new Promise((resolve, reject) => {
      const check = () => {
        if (pc.connectionState === 'connected') {
          resolve();
        } else if (pc.connectionState === 'failed') {
          reject(new Error(side.label + ' connection failed'));
        }
      };
      pc.addEventListener('connectionstatechange', check);
      check();
    }), WAIT_MS, side.label + ' connectionState connected');
  }

  let mediaPromise = null;

  function media() {
    if (mediaPromise === null) {
      mediaPromise = navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 480 } });
    }
    return mediaPromise;
  }

  async function negotiate(offerer, answerer, offerOptions) {
    const out = {};
    offerer.resetGathering();
    answerer.resetGathering();
    const offer = await offerer.pc.createOffer(offerOptions);
    out.offer = offer.sdp;
    await offerer.pc.setLocalDescription(offer);
    out.offerAfterSetLocal = offerer.pc.localDescription.sdp;
    await answerer.pc.setRemoteDescription(offer);
    answerer.flush();
    const answer = await answerer.pc.createAnswer();
    out.answer = answer.sdp;
    await answerer.pc.setLocalDescription(answer);
    out.answerAfterSetLocal = answerer.pc.localDescription.sdp;
    await offerer.pc.setRemoteDescription(answer);
    offerer.flush();
    await withTimeout(offerer.gathered, WAIT_MS, offerer.label + ' end of candidates (null event)');
    await withTimeout(answerer.gathered, WAIT_MS, answerer.label + ' end of candidates (null event)');
    out.offerGathered = offerer.pc.localDescription.sdp;
    out.answerGathered = answerer.pc.localDescription.sdp;
    out.offerCandidates = offerer.events.slice();
    out.answerCandidates = answerer.events.slice();
    await waitConnected(offerer);
    await waitConnected(answerer);
    return out;
  }

  // spec: { audio, video, data, simulcast, iceRestart }
  window.runScenario = async function (spec) {
    const config = { iceServers: [] };
    const offerer = new Side('offerer', config);
    const answerer = new Side('answerer', config);
    offerer.peer = answerer;
    answerer.peer = offerer;
    try {
      const stream = (spec.audio || spec.video) ? await media() : null;
      // The answerer sends clones of the fake tracks in a stream of its own (its own msid stream id).
      const answererStream = new MediaStream();
      if (spec.audio) {
        const track = stream.getAudioTracks()[0].clone();
        answererStream.addTrack(track);
        offerer.pc.addTrack(stream.getAudioTracks()[0], stream);
        answerer.pc.addTrack(track, answererStream);
      }
      if (spec.video && spec.simulcast) {
        offerer.pc.addTransceiver(stream.getVideoTracks()[0], {
          direction: 'sendrecv',
          streams: [stream],
          sendEncodings: [
            { rid: 'q', scaleResolutionDownBy: 4.0, maxBitrate: 150000 },
            { rid: 'h', scaleResolutionDownBy: 2.0, maxBitrate: 500000 },
            { rid: 'f', maxBitrate: 1500000 },
          ],
        });
      } else if (spec.video) {
        const track = stream.getVideoTracks()[0].clone();
        answererStream.addTrack(track);
        offerer.pc.addTrack(stream.getVideoTracks()[0], stream);
        answerer.pc.addTrack(track, answererStream);
      }
      if (spec.data) {
        offerer.pc.createDataChannel('chat');
      }
      const result = { initial: await negotiate(offerer, answerer, undefined) };
      if (spec.iceRestart) {
        result.restart = await negotiate(offerer, answerer, { iceRestart: true });
      }
      return result;
    } finally {
      offerer.pc.close();
      answerer.pc.close();
    }
  };

  // Prove the fake devices work and give the page its media permission up front (Chromium exposes
  // host addresses instead of mDNS names only to pages that have it).
  window.primeMedia = async function () {
    const stream = await media();
    return stream.getTracks().map((track) => track.kind + ':' + track.label);
  };
}());
