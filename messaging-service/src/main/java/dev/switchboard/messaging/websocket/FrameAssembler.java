package dev.switchboard.messaging.websocket;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.TextMessage;

/**
 * Puts a client's text frames back together from the parts the container delivers (it
 * hands over at most its buffer size at a time), refusing any message larger than the
 * limit without keeping more than the limit in memory.
 */
final class FrameAssembler {

	private final int maxBytes;

	private @Nullable StringBuilder parts;

	private int size;

	private boolean oversized;

	FrameAssembler(int maxBytes) {
		this.maxBytes = maxBytes;
	}

	/**
	 * Add a part of a message.
	 * @param part the part
	 * @return the outcome: the whole message once its last part came, or that it was too
	 * large
	 */
	Result add(TextMessage part) {
		if (!this.oversized) {
			this.size += part.getPayloadLength();
			if (this.size > this.maxBytes) {
				this.oversized = true;
				this.parts = null;
			}
			else if (!part.isLast() || this.parts != null) {
				if (this.parts == null) {
					this.parts = new StringBuilder();
				}
				this.parts.append(part.getPayload());
			}
		}
		if (!part.isLast()) {
			return Result.PARTIAL;
		}
		Result result;
		if (this.oversized) {
			result = Result.TOO_LARGE;
		}
		else {
			result = new Result((this.parts != null) ? this.parts.toString() : part.getPayload());
		}
		this.parts = null;
		this.size = 0;
		this.oversized = false;
		return result;
	}

	/**
	 * What a part completed.
	 *
	 * @param payload the whole message, or {@code null} when there is none yet or it was
	 * too large
	 */
	record Result(@Nullable String payload) {

		static final Result PARTIAL = new Result(null);

		static final Result TOO_LARGE = new Result(null);

		boolean isTooLarge() {
			return this == TOO_LARGE;
		}

	}

}
