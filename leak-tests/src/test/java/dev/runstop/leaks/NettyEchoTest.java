package dev.runstop.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Group;
import dev.runstop.junit.Port;
import dev.runstop.junit.RunstopTest;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A Netty echo server as an actor, shut down gracefully on stop. Closing its channel group runs on
 * Netty's JVM-wide GlobalEventExecutor, whose thread lingers about a second after its last task: shared
 * by design, not this app's leak.
 */
@RunstopTest(factoryMethod = "app")
class NettyEchoTest {
    static Group app() {
        return new Group("netty-echo").add("server", ctx -> {
            EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
            EventLoopGroup workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
            ChannelGroup channels = new DefaultChannelGroup("echo", GlobalEventExecutor.INSTANCE);
            try {
                Channel server = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                        .childHandler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                channels.add(ch);
                                ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                    @Override
                                    public void channelRead(ChannelHandlerContext c, Object msg) {
                                        c.writeAndFlush(msg);
                                    }
                                });
                            }
                        })
                        .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
                channels.add(server);
                ctx.publishPort("echo", ((InetSocketAddress) server.localAddress()).getPort());
                ctx.awaitStop();
                channels.close().sync();
            } finally {
                boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
                workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
            }
        });
    }

    @Test
    void echoes(@Port("echo") int port) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("ping".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            assertThat(new String(in.readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("ping");
        }
    }
}
