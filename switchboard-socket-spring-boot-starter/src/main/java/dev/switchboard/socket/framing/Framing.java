package dev.switchboard.socket.framing;

import java.io.IOException;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;

/**
 * How one message ends on a byte stream: reads exactly one message, never more than its
 * {@linkplain #maxSize() maximum}. Implementations are stateless and thread-safe; get
 * them from {@link Framings}.
 *
 * @param <T> the message type
 */
public interface Framing<T> {

	/**
	 * Read one message.
	 * @param input the bytes; a connection's input is buffered and supports
	 * {@link InputStream#mark mark/reset}, which a framing that reads ahead needs, so
	 * that the bytes after the message stay for the next read
	 * @return the message, or {@code null} when the input ended cleanly before the
	 * message's first byte
	 * @throws FrameTooLargeException when the message exceeds the maximum
	 * @throws MalformedFrameException when the bytes cannot be a message
	 * @throws TruncatedFrameException when the input ended in the middle of a message
	 * @throws IOException when the input fails (timeouts included)
	 */
	@Nullable T read(InputStream input) throws IOException;

	/**
	 * Return the largest message this framing accepts.
	 * @return the maximum, in bytes
	 */
	int maxSize();

}
